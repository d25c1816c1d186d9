/**
 * Read-only probes of the databases and caches behind a system: PostgreSQL over JDBC, Redis over RESP. They only
 * read (catalog views, INFO, DBSIZE); no method of theirs writes or runs a destructive command.
 */
package dev.deployverify.infra;
