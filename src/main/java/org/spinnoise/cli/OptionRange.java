package org.spinnoise.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a numeric option accepts, declared beside the option: {@code @OptionRange(min = 2) int seeds}.
 * {@link UsageErrors#checkRanges} checks every option of the command line against its range after parsing and before
 * the command does any work, and refuses one outside it as a usage error (one line, exit 2): {@code evaluate --seeds 0}
 * once failed only after minutes of sampling. Every numeric option carries one (EveryOptionHasARangeTest), save a
 * seed, for which every 64-bit value is valid.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface OptionRange {
    /** The smallest value accepted (unbounded below by default). */
    double min() default Double.NEGATIVE_INFINITY;

    /** The largest value accepted (unbounded above by default). */
    double max() default Double.POSITIVE_INFINITY;

    /** True when {@link #min()} itself is refused: "above 0" for rates and widths. */
    boolean minExclusive() default false;

    /** True when {@link #max()} itself is refused: "below 0" for a reset pulse. */
    boolean maxExclusive() default false;
}
