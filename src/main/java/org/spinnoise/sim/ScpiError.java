package org.spinnoise.sim;

/**
 * A standard SCPI error raised while parsing or executing one program message unit. The code goes to the error
 * queue; its text comes from the instrument model. Command errors (-100..-199) abort the rest of the program message,
 * as IEEE 488.2 prescribes; execution errors (-200..-299) only abort the unit that raised them.
 */
final class ScpiError extends Exception {
    static final int COMMAND_ERROR = -100;
    static final int SYNTAX_ERROR = -102;
    static final int DATA_TYPE_ERROR = -104;
    static final int PARAMETER_NOT_ALLOWED = -108;
    static final int MISSING_PARAMETER = -109;
    static final int UNDEFINED_HEADER = -113;
    static final int INVALID_SUFFIX = -131;
    static final int TRIGGER_IGNORED = -211;
    static final int SETTINGS_CONFLICT = -221;
    static final int DATA_OUT_OF_RANGE = -222;
    static final int ILLEGAL_PARAMETER_VALUE = -224;
    static final int QUEUE_OVERFLOW = -350;

    private final int code;

    ScpiError(int code, String detail) {
        super(code + " " + detail, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }

    boolean abortsMessage() {
        return code <= -100 && code > -200;
    }
}
