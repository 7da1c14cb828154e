package dev.steadfast.review;

import dev.steadfast.TestApi;
import dev.steadfast.TestApi.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Change requests and approvals: a person decides, nobody decides on their own proposal. */
@QuarkusTest
public class ReviewResourceTest {

    private String admin;
    private TestUser author;
    private String project;
    private long task;

    @BeforeEach
    void setUp() {
        admin = TestApi.adminToken();
        author = TestApi.createUser("USER");
        project = TestApi.createProject(admin);
        task = TestApi.createTask(admin, project);
    }

    @Test
    void shouldWalkAChangeRequestFromDraftToImplemented() {
        long cr = draft();
        given().auth().oauth2(author.token()).contentType(ContentType.JSON).body(Map.of("title", "Better title"))
                .when().patch(cr(cr)).then().statusCode(200).body("title", equalTo("Better title"));
        given().auth().oauth2(author.token()).when().post(cr(cr) + "/implemented")
                .then().statusCode(409).body("detail", containsString("only an APPROVED"));
        given().auth().oauth2(author.token()).when().post(cr(cr) + "/submit")
                .then().statusCode(200).body("status", equalTo("SUBMITTED"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("changeRequestId", cr, "decision", "APPROVED", "comment", "fine"))
                .when().post(approvals())
                .then().statusCode(201).body("changeRequestId", equalTo((int) cr)).body("approver", equalTo("admin"));
        given().auth().oauth2(author.token()).when().post(cr(cr) + "/implemented")
                .then().statusCode(200).body("status", equalTo("IMPLEMENTED"));
    }

    @Test
    void shouldTakeNoChangeRequestForAFinishedTaskNorSubmitOrDecideOne() {
        long drafted = draft();
        long submitted = draft();
        given().auth().oauth2(author.token()).when().post(cr(submitted) + "/submit").then().statusCode(200);
        TestApi.moveTask(admin, project, task, "CANCELLED");

        given().auth().oauth2(author.token()).contentType(ContentType.JSON)
                .body(Map.of("taskId", task, "title", "Too late"))
                .when().post(crs()).then().statusCode(409).body("detail", containsString("is CANCELLED; a finished task"));
        given().auth().oauth2(author.token()).when().post(cr(drafted) + "/submit")
                .then().statusCode(409).body("detail", containsString("is CANCELLED"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("changeRequestId", submitted, "decision", "APPROVED"))
                .when().post(approvals()).then().statusCode(409).body("detail", containsString("is CANCELLED"));

        given().auth().oauth2(admin).when().get(crs()).then().body("total", equalTo(2));
        given().auth().oauth2(admin).when().get(cr(drafted)).then().body("status", equalTo("DRAFT"));
        given().auth().oauth2(admin).when().get(cr(submitted)).then().body("status", equalTo("SUBMITTED"));
        given().auth().oauth2(admin).when().get(approvals()).then().body("total", equalTo(0));
    }

    /**
     * A draft is its author's. Before this rule anyone could rewrite someone else's draft, submit it
     * and approve it: the author rule bound only the creator, and nobody had reviewed what was approved.
     */
    @Test
    void shouldLetOnlyItsAuthorEditOrSubmitADraftAndAnAdminDeleteIt() {
        long cr = draft();
        TestUser other = TestApi.createUser("USER");
        for (String token : new String[]{other.token(), admin}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", "Rewritten by another"))
                    .when().patch(cr(cr)).then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("only its author"));
            given().auth().oauth2(token).when().post(cr(cr) + "/submit").then().statusCode(403);
        }
        given().auth().oauth2(other.token()).when().delete(cr(cr)).then().statusCode(403);
        given().auth().oauth2(admin).when().get(cr(cr)).then().statusCode(200)
                .body("title", equalTo("Use SQLite")).body("status", equalTo("DRAFT"));

        given().auth().oauth2(admin).when().delete(cr(cr)).then().statusCode(204);
        given().auth().oauth2(admin).when().get(cr(cr)).then().statusCode(404);
    }

    @Test
    void shouldNeitherEditADraftNorImplementAnApprovedChangeOfACancelledTask() {
        long drafted = draft();
        long approved = draft();
        given().auth().oauth2(author.token()).when().post(cr(approved) + "/submit").then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("changeRequestId", approved, "decision", "APPROVED"))
                .when().post(approvals()).then().statusCode(201);
        TestApi.moveTask(admin, project, task, "CANCELLED");

        given().auth().oauth2(author.token()).contentType(ContentType.JSON).body(Map.of("title", "Too late"))
                .when().patch(cr(drafted)).then().statusCode(409).body("detail", containsString("is CANCELLED"));
        given().auth().oauth2(author.token()).when().post(cr(approved) + "/implemented")
                .then().statusCode(409).body("detail", containsString("is CANCELLED"));
        given().auth().oauth2(admin).when().get(cr(drafted)).then().body("title", equalTo("Use SQLite"));
        given().auth().oauth2(admin).when().get(cr(approved)).then().body("status", equalTo("APPROVED"));
    }

    @Test
    void shouldFreezeASubmittedChangeRequest() {
        long cr = draft();
        given().auth().oauth2(author.token()).when().post(cr(cr) + "/submit").then().statusCode(200);
        given().auth().oauth2(author.token()).contentType(ContentType.JSON).body(Map.of("title", "sneaky edit"))
                .when().patch(cr(cr)).then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(author.token()).when().delete(cr(cr)).then().statusCode(409);
        given().auth().oauth2(author.token()).when().post(cr(cr) + "/submit").then().statusCode(409);
        given().auth().oauth2(author.token()).when().get(cr(cr)).then().body("title", equalTo("Use SQLite"));
    }

    @Test
    void shouldForbidTheAuthorToDecideOnTheirOwnChangeRequest() {
        long cr = draft();
        given().auth().oauth2(author.token()).when().post(cr(cr) + "/submit").then().statusCode(200);
        given().auth().oauth2(author.token()).contentType(ContentType.JSON)
                .body(Map.of("changeRequestId", cr, "decision", "APPROVED"))
                .when().post(approvals()).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(author.token()).when().get(cr(cr)).then().body("status", equalTo("SUBMITTED"));
    }

    @Test
    void shouldRejectAChangeRequest() {
        long cr = draft();
        given().auth().oauth2(author.token()).when().post(cr(cr) + "/submit").then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("changeRequestId", cr, "decision", "REJECTED"))
                .when().post(approvals()).then().statusCode(201);
        given().auth().oauth2(admin).when().get(cr(cr)).then().body("status", equalTo("REJECTED"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("changeRequestId", cr, "decision", "APPROVED"))
                .when().post(approvals()).then().statusCode(409);
    }

    @Test
    void shouldDecideOnlyOnDraftsThatWereSubmitted() {
        long cr = draft();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("changeRequestId", cr, "decision", "APPROVED"))
                .when().post(approvals()).then().statusCode(409);
    }

    @Test
    void shouldApproveATaskAwaitingApprovalOnly() {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("taskId", task, "decision", "APPROVED"))
                .when().post(approvals()).then().statusCode(409).body("detail", containsString("AWAITING_APPROVAL"));
        TestApi.moveTask(admin, project, task, "IN_PROGRESS", "AWAITING_APPROVAL");
        given().auth().oauth2(author.token()).contentType(ContentType.JSON)
                .body(Map.of("taskId", task, "decision", "REJECTED", "comment", "needs work"))
                .when().post(approvals()).then().statusCode(201).body("taskId", equalTo((int) task))
                .body("comment", equalTo("needs work"));
        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks/" + task)
                .then().body("status", equalTo("REJECTED"));
    }

    @Test
    void shouldRequireExactlyOneSubject() {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("decision", "APPROVED"))
                .when().post(approvals()).then().statusCode(400)
                .body("errors.taskId", equalTo("exactly one of taskId and changeRequestId is required"))
                .body("errors.changeRequestId", equalTo("exactly one of taskId and changeRequestId is required"))
                .body("errors", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("subject")));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("taskId", task, "changeRequestId", 1, "decision", "APPROVED"))
                .when().post(approvals()).then().statusCode(400)
                .body("errors.taskId", equalTo("exactly one of taskId and changeRequestId is required"))
                .body("errors.changeRequestId", equalTo("exactly one of taskId and changeRequestId is required"));
        given().auth().oauth2(admin).when().get(approvals()).then().body("total", equalTo(0));
    }

    @Test
    void shouldNeverEditOrDeleteAnApproval() {
        TestApi.moveTask(admin, project, task, "IN_PROGRESS", "AWAITING_APPROVAL");
        Number id = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("taskId", task, "decision", "APPROVED"))
                .when().post(approvals()).then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("decision", "REJECTED"))
                .when().put(approvals() + "/" + id).then().statusCode(405).header("Allow", "GET, HEAD");
        given().auth().oauth2(admin).when().delete(approvals() + "/" + id).then().statusCode(405).header("Allow", "GET, HEAD");
        given().auth().oauth2(admin).when().get(approvals() + "/" + id).then().statusCode(200).body("decision", equalTo("APPROVED"));
    }

    @Test
    void shouldAnswer404ForChangeRequestsOfUnknownTasksOrOtherProjects() {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("taskId", 987654, "title", "x"))
                .when().post(crs()).then().statusCode(404);
        long cr = draft();
        String other = TestApi.createProject(admin);
        given().auth().oauth2(admin).when().get("/api/projects/" + other + "/change-requests/" + cr).then().statusCode(404);
    }

    @Test
    void shouldListChangeRequestsByStatus() {
        long submitted = draft();
        draft();
        given().auth().oauth2(author.token()).when().post(cr(submitted) + "/submit").then().statusCode(200);
        given().auth().oauth2(admin).queryParam("status", "SUBMITTED").when().get(crs())
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo((int) submitted));
        given().auth().oauth2(admin).queryParam("taskId", task).when().get(crs()).then().body("total", equalTo(2));
    }

    @Test
    void shouldAnswer400NamingANonNumericIdFilter() {
        given().auth().oauth2(admin).queryParam("taskId", "abc").when().get(crs())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.taskId", equalTo("must be a whole number"));
        given().auth().oauth2(admin).queryParam("taskId", "x").when().get(approvals())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.taskId", equalTo("must be a whole number"));
        given().auth().oauth2(admin).queryParam("changeRequestId", "x").when().get(approvals())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.changeRequestId", equalTo("must be a whole number"));
        given().auth().oauth2(admin).queryParam("taskId", "+" + task).when().get(approvals())
                .then().statusCode(400).body("errors.taskId", equalTo("must be a whole number"));
        given().auth().oauth2(admin).queryParam("taskId", task).when().get(approvals())
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldRefuseATitleThatIsUnicodeBlankOrHasControlCharacters() {
        long cr = draft();
        for (String bad : java.util.List.of("\u3000", "\u2003\u00a0", "\u0000x", "x\u007f", "two\nlines", "\u0085x")) {
            given().auth().oauth2(author.token()).contentType(ContentType.JSON).body(Map.of("taskId", task, "title", bad))
                    .when().post(crs())
                    .then().statusCode(400).contentType("application/problem+json").body("errors.title", notNullValue());
            given().auth().oauth2(author.token()).contentType(ContentType.JSON).body(Map.of("title", bad))
                    .when().patch(cr(cr))
                    .then().statusCode(400).contentType("application/problem+json").body("errors.title", notNullValue());
        }
        given().auth().oauth2(admin).when().get(crs()).then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(admin).when().get(cr(cr)).then().body("title", equalTo("Use SQLite"));
        given().auth().oauth2(author.token()).contentType(ContentType.JSON)
                .body(Map.of("title", "Ünïcödé 名前", "description", "several\nlines"))
                .when().patch(cr(cr)).then().statusCode(200).body("description", equalTo("several\nlines"));
    }

    private long draft() {
        Number id = given().auth().oauth2(author.token()).contentType(ContentType.JSON)
                .body(Map.of("taskId", task, "title", "Use SQLite", "description", "embedded is enough"))
                .when().post(crs())
                .then().statusCode(201).body("status", equalTo("DRAFT")).body("author", equalTo(author.username()))
                .extract().path("id");
        return id.longValue();
    }

    private String crs() {
        return "/api/projects/" + project + "/change-requests";
    }

    private String cr(long id) {
        return crs() + "/" + id;
    }

    private String approvals() {
        return "/api/projects/" + project + "/approvals";
    }
}
