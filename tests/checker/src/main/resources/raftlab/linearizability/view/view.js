"use strict";
// Hover and click for the history view. Every piece of history text is set with textContent, never as markup.
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const svg = document.getElementById("history");
  const tip = document.getElementById("tooltip");
  const linById = new Map(data.linearizations.map(l => [l.id, l]));
  let pinned = null;

  function line(parent, key, value, cls) {
    const div = document.createElement("div");
    if (key) {
      const k = document.createElement("span");
      k.className = "k";
      k.textContent = key + " ";
      div.appendChild(k);
    }
    const v = document.createElement("span");
    v.className = cls || "v";
    v.textContent = value;
    div.appendChild(v);
    parent.appendChild(div);
  }

  function clearFocus() {
    svg.classList.remove("focus");
    svg.querySelectorAll(".current, .shown, .selected").forEach(e => e.classList.remove("current", "shown", "selected"));
  }

  function focusPartition(p, linId) {
    svg.classList.add("focus");
    svg.querySelectorAll(".op.p" + p).forEach(e => e.classList.add("current"));
    if (linId) {
      const g = document.getElementById("lin-" + linId);
      if (g) g.classList.add("shown");
    }
  }

  function describeOp(i, preferIllegal) {
    const op = data.ops[i];
    const illegalLin = op.illegalIn.length ? op.illegalIn[0] : null;
    const linId = preferIllegal && illegalLin ? illegalLin : (op.lin || illegalLin);
    focusPartition(op.partition, linId);
    tip.replaceChildren();
    line(tip, null, op.label, "title");
    line(tip, "client", op.client + ", partition " + op.partition + " (" + op.partitionResult + ")");
    line(tip, "call", op.call + "   return: " + op.ret);
    if (linId && linId === op.lin && !(preferIllegal && illegalLin)) {
      line(tip, "previous state", op.before);
      line(tip, "new state", op.after);
    } else if (illegalLin) {
      const lin = linById.get(illegalLin);
      line(tip, null, "illegal as the next step after a partial linearization of " + lin.length
        + " operations, whose final state is", "bad");
      line(tip, "state", lin.finalState);
    } else {
      line(tip, null, "not part of any drawn partial linearization");
    }
  }

  function describeAnnotation(j) {
    const a = data.annotations[j];
    tip.replaceChildren();
    line(tip, null, a.description, "title");
    line(tip, "tag", a.tag);
    line(tip, null, a.details || "\u27e8no details\u27e9");
    line(tip, "start", a.start + "   end: " + a.end);
  }

  function show(target, x, y, preferIllegal) {
    clearFocus();
    if (target.dataset.op !== undefined) {
      describeOp(Number(target.dataset.op), preferIllegal || target.classList.contains("illegal"));
      const box = document.getElementById("op-" + target.dataset.op);
      if (box && pinned) box.classList.add("selected");
    } else {
      describeAnnotation(Number(target.dataset.ann));
    }
    tip.hidden = false;
    const w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.max(0, Math.min(x + 14, window.innerWidth - w - 4)) + "px";
    tip.style.top = Math.max(0, Math.min(y + 14, window.innerHeight - h - 4)) + "px";
  }

  function hide() {
    clearFocus();
    tip.hidden = true;
  }

  function targetOf(e) {
    return e.target.closest ? e.target.closest("[data-op], [data-ann]") : null;
  }

  svg.addEventListener("mouseover", e => {
    const t = targetOf(e);
    if (t && !pinned) show(t, e.clientX, e.clientY, false);
  });
  svg.addEventListener("mouseout", e => {
    if (!pinned && targetOf(e)) hide();
  });
  svg.addEventListener("click", e => {
    const t = targetOf(e);
    if (!t) {
      pinned = null;
      hide();
      return;
    }
    pinned = t;
    show(t, e.clientX, e.clientY, false);
  });

  function jumpToFirstError() {
    let first = null;
    svg.querySelectorAll(".lin.primary .lp.illegal").forEach(l => {
      if (!first || Number(l.getAttribute("x1")) < Number(first.getAttribute("x1"))) first = l;
    });
    if (!first) return;
    const scroll = document.getElementById("scroll");
    scroll.scrollLeft = Math.max(0, Number(first.getAttribute("x1")) - scroll.clientWidth / 3);
    pinned = first;
    const r = first.getBoundingClientRect();
    show(first, r.left, r.top, true);
  }

  document.getElementById("jump").addEventListener("click", e => {
    e.preventDefault();
    jumpToFirstError();
  });
  // A link to page.html#first-error opens the page at the first red point, with its tooltip pinned.
  if (location.hash === "#first-error") jumpToFirstError();
})();
