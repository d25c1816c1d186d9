/** The MueJam Library stand-in: Django REST API with HS256 test tokens, cursor pages, ETags, moderation, S3-style presigned uploads. */
package dev.deployverify.systems.muejam.reference;
