package io.gatekeeper.flaky.junit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns report bytes into characters with a strict decoder ({@link StrictDecodingReader}). We decode ourselves (instead of letting the XML
 * parser do it) so that the markup guard can work on characters whatever the encoding, and so that a bad
 * byte is refused rather than replaced: a report with U+FFFD in it has already lost information.
 */
final class ReportDecoder {

    private static final int SNIFF_BYTES = 1024;
    private static final Pattern DECLARED =
            Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    private ReportDecoder() {
    }

    /** A reader over the report's characters; the byte order mark, if any, is consumed. */
    static Decoded open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 8192);
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        if (head.length == 0) {
            throw new ReportRejectedException(ReportRejectedException.Reason.EMPTY, "no bytes");
        }
        Charset charset;
        int bom = 0;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
        } else if (startsWith(head, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (startsWith(head, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (startsWith(head, 0x00, 0x3C, 0x00, 0x3F)) {
            charset = StandardCharsets.UTF_16BE;
        } else if (startsWith(head, 0x3C, 0x00, 0x3F, 0x00)) {
            charset = StandardCharsets.UTF_16LE;
        } else {
            charset = declared(new String(head, StandardCharsets.ISO_8859_1));
        }
        in.skipNBytes(bom);
        return new Decoded(new StrictDecodingReader(in, charset), charset);
    }

    record Decoded(Reader reader, Charset charset) {
    }

    private static Charset declared(String head) {
        Matcher m = DECLARED.matcher(head);
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        String name = m.group(1);
        try {
            Charset cs = Charset.forName(name);
            if (cs.name().startsWith("UTF-16") || cs.name().startsWith("UTF-32")) {
                // The bytes we just read as single-byte text contained the declaration, so they are not UTF-16.
                throw new ReportRejectedException(ReportRejectedException.Reason.INVALID_ENCODING,
                        "declared " + name + " but the bytes are single-byte text");
            }
            return cs;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ReportRejectedException(ReportRejectedException.Reason.INVALID_ENCODING,
                    "unsupported encoding " + name);
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
