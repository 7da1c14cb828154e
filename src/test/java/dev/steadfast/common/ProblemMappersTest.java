package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpClosedException;
import org.hibernate.exception.GenericJDBCException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A request whose connection closed while its body was read is the client's (or the shutdown
 * drain's) doing, not a server failure: a plain 400 and an INFO line, no incident. Both ways the
 * closing surfaces are covered: the channel's exception, and Vert.x's own, wrapped twice in
 * IOException by the body reader (seen when SIGTERM closed connections under load).
 */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void shouldNotOpenAnIncidentWhenTheConnectionClosedDuringTheBody() {
        for (Throwable closed : new Throwable[] {
                new IOException(new ClosedChannelException()),
                new IOException(new IOException(new HttpClosedException("Connection was closed")))}) {
            Response response = mappers.unexpected(closed);
            assertEquals(400, response.getStatus(), closed.toString());
            assertEquals("/problems/incomplete-request", ((Problem) response.getEntity()).type(), closed.toString());
        }
    }

    @Test
    void shouldAnswerAValueBeyondJacksonsCeilingsAs413NotMalformedJson() throws Exception {
        ObjectMapper json = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(10).build()).build());
        JsonProcessingException tooLong = assertThrows(JsonProcessingException.class,
                () -> json.readValue("{\"content\":\"" + "a".repeat(11) + "\"}", Map.class));

        Response response = mappers.unreadableJson(tooLong);

        assertEquals(413, response.getStatus());
        assertEquals("/problems/content-too-large", ((Problem) response.getEntity()).type());
    }

    @Test
    void shouldTellAFullDiskFromAFailure() {
        Response response = mappers.unexpected(new GenericJDBCException("insert failed",
                new SQLiteException("database or disk is full", SQLiteErrorCode.SQLITE_FULL)));
        assertEquals(507, response.getStatus());
        assertEquals("/problems/storage-full", ((Problem) response.getEntity()).type());
    }

    @Test
    void shouldAnswerAProjectFileMovedAwayMeanwhileAsUnavailable() {
        Response response = mappers.unexpected(new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLiteException("Project file /data/projects/p.db is missing", SQLiteErrorCode.SQLITE_CANTOPEN)));
        assertEquals(503, response.getStatus());
        assertEquals("/problems/unavailable", ((Problem) response.getEntity()).type());
    }

    @Test
    void shouldStillReportAnyOtherFailureAsAnIncident() {
        assertEquals(500, mappers.unexpected(new IllegalStateException("boom")).getStatus());
    }
}
