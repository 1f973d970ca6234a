package cn.grants.domain.experts;

/** A bad expert score; {@link #field()} names the offending field ({@code scores.TECHNOLOGY}) for the problem detail. */
public class InvalidScoreException extends RuntimeException {

    private final String field;

    public InvalidScoreException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
