package raftlab.linearizability.kv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import raftlab.linearizability.Step;

/** The KV model, rule by rule (MIT 6.5840 {@code models1/kv.go}; graded-tests reference, section 12.1). */
class VersionedKvModelTest {

    private final VersionedKvModel model = new VersionedKvModel();
    private final KvState initial = model.init();
    private final KvState a1 = new KvState("a", 1);

    @Test
    @DisplayName("a key never written is (\"\", 0); reading it with ErrNoKey is legal")
    void initialState() {
        assertThat(initial).isEqualTo(new KvState("", 0));
        assertThat(model.step(initial, new KvInput.Get("k"), new KvOutput.GetResult("", 0, Err.ErrNoKey)))
                .isEqualTo(Step.to(initial));
    }

    @Test
    @DisplayName("Get: legal iff the value matches; the version is not checked")
    void get() {
        assertThat(model.step(a1, new KvInput.Get("k"), new KvOutput.GetResult("a", 1, Err.OK))).isEqualTo(Step.to(a1));
        assertThat(model.step(a1, new KvInput.Get("k"), new KvOutput.GetResult("a", 7, Err.OK))).isEqualTo(Step.to(a1));
        assertThat(model.step(a1, new KvInput.Get("k"), new KvOutput.GetResult("b", 1, Err.OK)))
                .isEqualTo(Step.illegal());
    }

    @Test
    @DisplayName("Put at the current version: legal iff OK or ErrMaybe, and bumps the version")
    void putAtCurrentVersion() {
        KvInput put = new KvInput.Put("k", "b", 1);
        assertThat(model.step(a1, put, new KvOutput.PutResult(Err.OK))).isEqualTo(Step.to(new KvState("b", 2)));
        assertThat(model.step(a1, put, new KvOutput.PutResult(Err.ErrMaybe))).isEqualTo(Step.to(new KvState("b", 2)));
        assertThat(model.step(a1, put, new KvOutput.PutResult(Err.ErrVersion))).isEqualTo(Step.illegal());
    }

    @Test
    @DisplayName("Put at another version: legal iff ErrVersion or ErrMaybe, and changes nothing")
    void putAtOtherVersion() {
        KvInput put = new KvInput.Put("k", "b", 0);
        assertThat(model.step(a1, put, new KvOutput.PutResult(Err.ErrVersion))).isEqualTo(Step.to(a1));
        assertThat(model.step(a1, put, new KvOutput.PutResult(Err.ErrMaybe))).isEqualTo(Step.to(a1));
        assertThat(model.step(a1, put, new KvOutput.PutResult(Err.OK))).isEqualTo(Step.illegal());
    }

    @Test
    @DisplayName("labels read like MIT's")
    void descriptions() {
        assertThat(model.describeOperation(new KvInput.Get("k"), new KvOutput.GetResult("v", 3, Err.OK)))
                .isEqualTo("get('k') -> ('v', '3', 'OK')");
        assertThat(model.describeOperation(new KvInput.Put("k", "v", 2), new KvOutput.PutResult(Err.ErrVersion)))
                .isEqualTo("put('k', 'v', '2') -> ('ErrVersion')");
        assertThat(model.describeState(a1)).isEqualTo("('a', 1)");
    }
}
