/** WCAGAII: every reference fault is caught by exactly its checks. */
package dev.deployverify.systems.wcagaii;
