package cn.grants.api.problems;

import cn.grants.domain.documents.ObjectStore;
import cn.grants.domain.money.InvalidAmountException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.camunda.client.api.command.ClientException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refused request answers with an RFC 9457 problem detail; where a field is to blame it is named in
 * {@code field} (the first) and {@code errors} (all, with messages).
 */
@RestControllerAdvice
public class ProblemDetails extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemDetails.class);

    static ProblemDetail problem(HttpStatusCode status, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://grants.local/problems/" + HttpStatus.valueOf(status.value()).name()
                .toLowerCase().replace('_', '-')));
        if (field != null) {
            problem.setProperty("field", field);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        }
        return problem;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(problem(e.status(), e.getMessage(), e.field()));
    }

    @ExceptionHandler(cn.grants.domain.experts.InvalidScoreException.class)
    ResponseEntity<ProblemDetail> score(cn.grants.domain.experts.InvalidScoreException e) {
        String field = "variables." + e.field();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "variables." + e.getMessage(), field));
    }

    @ExceptionHandler(InvalidAmountException.class)
    ResponseEntity<ProblemDetail> amount(InvalidAmountException e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.field()));
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(org.springframework.security.access.AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(problem(HttpStatus.FORBIDDEN, "your roles do not allow this", null));
    }

    @ExceptionHandler(org.springframework.dao.OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrent(org.springframework.dao.OptimisticLockingFailureException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT,
                "the case changed while this request was handled; reload it and try again", null));
    }

    @ExceptionHandler(ObjectStore.StorageException.class)
    ResponseEntity<ProblemDetail> storage(ObjectStore.StorageException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "document storage unavailable: " + e.getMessage(), null));
    }

    /**
     * The process engine refused or did not answer. The request's transaction has rolled back, so nothing of it
     * was kept; the caller may try again.
     */
    @ExceptionHandler(ClientException.class)
    ResponseEntity<ProblemDetail> engine(ClientException e) {
        LOG.warn("process engine call failed", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "the process engine did not accept the request ("
                        + e.getClass().getSimpleName() + "); nothing was saved, try again", null));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", f.getField() + " " + f.getDefaultMessage()))
                .toList();
        String detail = errors.stream().map(e -> e.get("message")).collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, detail, errors.isEmpty() ? null : errors.get(0).get("field"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = "body";
        String detail = "the request body is not valid JSON of the expected shape";
        if (ex.getCause() instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            field = jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            detail = field + " has a value of the wrong type";
        }
        // a value the parser refused (NaN, Infinity, a number longer than the parser takes) inside a map: the
        // parser knows exactly where it stood, deeper than the mapping path
        String parsedAt = parserLocation(ex);
        if (parsedAt != null && parsedAt.length() > (field.equals("body") ? 0 : field.length())) {
            field = parsedAt;
            detail = field + " is not a value the API accepts (NaN, Infinity and over-long numbers are refused)";
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, detail, field));
    }

    private static String parserLocation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    && jpe.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser) {
                java.util.Deque<String> parts = new java.util.ArrayDeque<>();
                for (var c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                    if (c.inArray()) {
                        parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
                    } else if (c.getCurrentName() != null) {
                        parts.push(c.getCurrentName());
                    }
                }
                return parts.isEmpty() ? null : String.join(".", parts).replace(".[", "[");
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "file is larger than the upload limit", "file"));
    }
}
