package dev.switchboard.core.admin;

/** An administrative request that cannot be carried out as asked; nothing was changed. */
public final class AdminException extends RuntimeException {

    private final int status;

    private AdminException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** 404: the named session, listener, ban or room does not exist. */
    public static AdminException notFound(String message) {
        return new AdminException(404, message);
    }

    /** 400: the input is malformed or out of range. */
    public static AdminException badRequest(String message) {
        return new AdminException(400, message);
    }

    public int status() {
        return status;
    }
}
