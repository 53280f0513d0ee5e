package org.spinnoise.instrument;

import java.util.ArrayList;
import java.util.List;
import org.mockito.Mockito;
import org.mockito.invocation.Invocation;
import org.spinnoise.scpi.ScpiSession;
import org.spinnoise.scpi.Setting;

/** What a driver asked of a mocked session, one readable line per call ("set SOUR1:VOLT:HIGH 0.5", "query X?"). */
final class SessionCalls {
    private SessionCalls() {
    }

    static List<String> of(ScpiSession session) {
        List<String> out = new ArrayList<>();
        for (Invocation i : Mockito.mockingDetails(session).getInvocations()) {
            String name = i.getMethod().getName();
            switch (name) {
                case "set" -> out.add("set " + ((Setting<?>) i.getArgument(0)).header() + " " + i.getArgument(1));
                case "write", "checkedWrite", "query", "checkedQuery", "queryNumber", "execute", "executeUnchecked", "ask",
                     "askChecked", "askNumber", "askWithin" ->
                        out.add(name + " " + i.getArgument(0));
                default -> {
                    // label(), roundTrips() and the like carry nothing to the instrument
                }
            }
        }
        return out;
    }

    static int indexOfFirst(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
