package raftlab.cluster;
