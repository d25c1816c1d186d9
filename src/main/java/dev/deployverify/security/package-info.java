/** Attack inputs the security checks send to a service as data (never connected to by the suite itself). */
package dev.deployverify.security;
