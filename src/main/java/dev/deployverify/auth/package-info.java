/** Small credential helpers shared by checks and the reference deployment: HS256 JWTs, HMAC signatures. */
package dev.deployverify.auth;
