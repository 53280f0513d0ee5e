package org.spinnoise.catalog;

import java.io.IOException;

/** A catalog that cannot be opened, read or written; the message names the file and what to do. */
public final class CatalogException extends IOException {
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    public CatalogException(String message) {
        super(message);
    }
}
