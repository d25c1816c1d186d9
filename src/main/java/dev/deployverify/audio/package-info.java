/** Real audio for checks and stand-ins: PCM WAV files read and written byte by byte, click tracks, tempo estimation. */
package dev.deployverify.audio;
