package org.rtcbench.target.whip;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerFailure;

/**
 * One session's resource on a WHIP (RFC 9725) or WHEP server: created by a POST of the client's
 * complete SDP offer to the endpoint ({@code Content-Type: application/sdp}, a bearer token if
 * given), answered {@code 201 Created} with the SDP answer and the resource's {@code Location};
 * ended by a DELETE of that location. Both protocols exchange the offer this way; WHEP's client
 * offers to receive, WHIP's to send.
 *
 * @param location the resource, resolved against the endpoint (servers often answer a relative path)
 * @param answer   the server's SDP answer
 * @param links    the {@code Link} headers (ICE servers the server suggests), as sent
 */
public record WhipResource(URI location, String answer, List<String> links) {
    private static final int BODY_CHARS = 200;

    /**
     * POSTs {@code offer} to {@code endpoint} and returns the created resource.
     *
     * @param protocol "WHIP" or "WHEP", for the messages
     * @throws BadInputException when the server refuses the request (4xx: the endpoint or the token is wrong)
     * @throws PeerFailure       when it cannot be reached, times out, fails (5xx), or answers outside the protocol
     */
    static WhipResource create(HttpClient http, String protocol, URI endpoint, String token, String offer, Duration timeout) {
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/sdp").header("Accept", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(offer));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = send(http, req.build(), protocol, endpoint, "POST");
        if (r.statusCode() >= 400 && r.statusCode() < 500) {
            throw new BadInputException("the " + protocol + " endpoint " + endpoint + " refused the offer: " + status(r)
                    + (r.statusCode() == 401 || r.statusCode() == 403 ? " (check the target's token)" : r.statusCode() == 404 ? " (check the URL)" : ""));
        }
        if (r.statusCode() != 201) {
            throw new PeerFailure("the " + protocol + " endpoint " + endpoint + " answered the offer with " + status(r)
                    + (r.statusCode() / 100 == 2 ? " (" + protocol + " requires 201 Created)" : ""));
        }
        String location = r.headers().firstValue("Location").orElseThrow(() -> new PeerFailure(
                "the " + protocol + " endpoint " + endpoint + " answered 201 without a Location header (" + protocol + " requires one)"));
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/sdp") || !r.body().startsWith("v=0")) {
            throw new PeerFailure("the " + protocol + " endpoint " + endpoint + " answered 201 with " + (type.isEmpty() ? "no Content-Type" : type)
                    + " instead of an application/sdp answer: " + oneLine(r.body()));
        }
        return new WhipResource(endpoint.resolve(location), r.body(), r.headers().allValues("Link"));
    }

    /**
     * Ends the session: DELETE of the resource. Returns null when the server agreed (2xx), else what it said.
     */
    String delete(HttpClient http, String protocol, String token, Duration timeout) {
        HttpRequest.Builder req = HttpRequest.newBuilder(location).timeout(timeout).DELETE();
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = send(http, req.build(), protocol, location, "DELETE");
            return r.statusCode() / 100 == 2 ? null : status(r);
        } catch (PeerFailure e) {
            return e.getMessage();
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest req, String protocol, URI where, String method) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new PeerFailure("the " + protocol + " server at " + where + " did not answer the " + method + " within "
                    + req.timeout().map(Duration::toMillis).orElse(0L) + " ms");
        } catch (ConnectException e) {
            throw new PeerFailure("cannot reach the " + protocol + " server at " + where + ": connection refused");
        } catch (IOException e) {
            throw new PeerFailure("the " + protocol + " " + method + " to " + where + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFailure("interrupted during the " + protocol + " " + method + " to " + where);
        }
    }

    /** {@code 403 Forbidden: Unauthorized}: the status, its reason phrase, and the start of the body on one line. */
    static String status(HttpResponse<String> r) {
        String body = oneLine(r.body());
        return r.statusCode() + reason(r.statusCode()) + (body.isEmpty() ? "" : ": " + body);
    }

    private static String reason(int code) {
        return switch (code) {
            case 200 -> " OK";
            case 204 -> " No Content";
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 405 -> " Method Not Allowed";
            case 406 -> " Not Acceptable";
            case 409 -> " Conflict";
            case 415 -> " Unsupported Media Type";
            case 422 -> " Unprocessable Content";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            default -> "";
        };
    }

    private static String oneLine(String body) {
        String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return s.length() > BODY_CHARS ? s.substring(0, BODY_CHARS) + "..." : s;
    }
}
