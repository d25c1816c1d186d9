/** How the checks read in the Allure report: grouped, named and linked by the checklist items they verify. */
package dev.deployverify.report;
