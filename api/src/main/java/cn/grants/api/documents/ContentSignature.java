package cn.grants.api.documents;

import java.nio.charset.StandardCharsets;

/**
 * Checks an upload's first bytes against its declared type, so that a renamed executable is not stored as a PDF:
 * PDF ("%PDF"), PNG, JPEG, the ZIP container of .docx/.xlsx/.zip, the OLE container of .doc/.xls, and plain text
 * (no NUL byte, valid UTF-8). A declared application/octet-stream must be one of those.
 */
final class ContentSignature {

    private ContentSignature() {
    }

    static boolean matches(String contentType, byte[] head) {
        return switch (contentType) {
            case "application/pdf" -> startsWith(head, '%', 'P', 'D', 'F');
            case "image/png" -> startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "image/jpeg" -> startsWith(head, 0xFF, 0xD8, 0xFF);
            case "application/zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> zip(head);
            case "application/msword", "application/vnd.ms-excel" -> ole(head);
            case "text/plain" -> text(head);
            case "application/octet-stream" -> startsWith(head, '%', 'P', 'D', 'F') || zip(head) || ole(head)
                    || startsWith(head, 0x89, 'P', 'N', 'G') || startsWith(head, 0xFF, 0xD8, 0xFF);
            default -> false;
        };
    }

    static boolean zip(byte[] head) {
        return startsWith(head, 'P', 'K', 0x03, 0x04);
    }

    static boolean ole(byte[] head) {
        return startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
    }

    static boolean text(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        // a multi-byte character cut at the end of the sample is fine: check all but the last 3 bytes strictly
        int n = Math.max(0, head.length - 3);
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            decoder.decode(java.nio.ByteBuffer.wrap(head, 0, n));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    static boolean startsWith(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
