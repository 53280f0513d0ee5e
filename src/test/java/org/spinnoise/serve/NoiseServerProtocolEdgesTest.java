package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.testing.Python;

/**
 * Issue 18, defect 11: the service does what PROTOCOL.md says at its edges, as seen by a client written from the
 * document alone (clients/python/tests/protocol_edges.py, raw pyzmq): a REQ client is answered; a ping must carry
 * mode 0 and count 0; a count of 2^31 or more is oversized (error 5), after the mode checks; a full-length request
 * with a bad magic or version gets its id back; error replies echo the mode byte by one rule.
 */
class NoiseServerProtocolEdgesTest {

    @Test
    void anIndependentClientFindsWhatTheProtocolDocumentSays() throws Exception {
        ServerConfig config = ServerConfig.loopback().withModes(Set.of(NoiseMode.PRNG));
        try (NoiseServer server = NoiseServer.start(config, new TestSources(null), null)) {
            String out = Python.finish(Python.start(Python.clientScript("tests/protocol_edges.py"),
                    server.endpoint()), 90);
            assertTrue(out.contains("check=ok"), out);
        }
    }
}
