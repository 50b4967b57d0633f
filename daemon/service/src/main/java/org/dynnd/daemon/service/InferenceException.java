package org.dynnd.daemon.service;

/** An inference that could not run; the message is shown to the client as it is. */
public final class InferenceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether the request was at fault (an image the model cannot take) rather than the engine. */
    private final boolean badInput;

    public InferenceException(String message, boolean badInput) {
        super(message);
        this.badInput = badInput;
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
        this.badInput = false;
    }

    /** True when the image was unusable, false when the engine failed. */
    public boolean badInput() {
        return badInput;
    }
}
