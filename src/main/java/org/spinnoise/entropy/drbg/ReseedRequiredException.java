package org.spinnoise.entropy.drbg;

/**
 * The DRBG has served its reseed interval (SP 800-90A Rev. 1 §9.3.1 step 6, §10.2.1.5.1 step 1): it refuses to generate
 * until it is reseeded from fresh entropy.
 */
public final class ReseedRequiredException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    ReseedRequiredException(String drbgName, long reseedIntervalRequests) {
        super(drbgName + " has served its reseed interval of " + reseedIntervalRequests
                + " generate requests; reseed it from the entropy pool before generating more");
    }
}
