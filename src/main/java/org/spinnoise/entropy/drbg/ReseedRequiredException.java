package org.spinnoise.entropy.drbg;

/**
 * The DRBG has served its reseed interval (SP 800-90A Rev. 1 §9.3.1 step 6, §10.1.2.5 step 1): it refuses to generate
 * until it is reseeded from fresh entropy.
 */
public final class ReseedRequiredException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    ReseedRequiredException(long reseedIntervalRequests) {
        this("HMAC_DRBG", reseedIntervalRequests);
    }

    ReseedRequiredException(String drbgName, long reseedIntervalRequests) {
        super(drbgName + " has served its reseed interval of " + reseedIntervalRequests
                + " generate requests; reseed it from the entropy pool before generating more");
    }
}
