package dev.deployverify.http;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;

/**
 * Counts every REST Assured request against its system's {@link RequestBudget}: a request the budget or the
 * limiter's headers refuse is not sent (the check is inconclusive), every answer's RateLimit headers are read, and a
 * 429 makes the check inconclusive with the numbers instead of failing it. First in the chain, so a request that is
 * not sent leaves no attachment. A rate-limit enforcement check, sending on a key or budget of its own (where a 429
 * is the finding), gets a dedicated filter: counted, never refused, its answers not taken for the shared limiter's.
 */
final class RequestBudgetFilter implements Filter {

    private final RequestBudget budget;
    private final boolean dedicated;

    RequestBudgetFilter(RequestBudget budget, boolean dedicated) {
        this.budget = budget;
        this.dedicated = dedicated;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        if (dedicated) {
            budget.countDedicated();
            return context.next(request, response);
        }
        String path = pathOf(request.getURI());
        budget.acquire(request.getMethod(), path);
        Response answer = context.next(request, response);
        budget.observe(path, answer.statusCode(), answer::header);
        if (answer.statusCode() == 429) {
            throw budget.tooManyRequests(request.getMethod(), path, answer::header);
        }
        return answer;
    }

    private static String pathOf(String uri) {
        try {
            String path = URI.create(uri).getRawPath();
            return path == null || path.isEmpty() ? "/" : path;
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }
}
