package dev.kaigi.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A user CSV as an administrator exports it from a spreadsheet: UTF-8 with a BOM, CRLF between
 * rows, a header in English, Japanese names, and in some rows a multi-line, quoted email signature
 * (line feeds and a comma inside the quotes). Even rows use the super admin's domain (the user joins
 * ACTIVE at once, INV-04), odd rows an outside domain (INVITED). Deterministic for a given seed.
 */
final class ImportCsv {

    static final String HEADER = "email,lastName,firstName,role,emailSignature";

    /** family name, its romanization */
    private static final String[][] FAMILY = {
            {"佐藤", "sato"}, {"鈴木", "suzuki"}, {"高橋", "takahashi"}, {"田中", "tanaka"}, {"伊藤", "ito"},
            {"渡辺", "watanabe"}, {"山本", "yamamoto"}, {"中村", "nakamura"}, {"小林", "kobayashi"}, {"加藤", "kato"},
            {"吉田", "yoshida"}, {"山田", "yamada"}, {"佐々木", "sasaki"}, {"山口", "yamaguchi"}, {"松本", "matsumoto"},
            {"井上", "inoue"}, {"木村", "kimura"}, {"林", "hayashi"}, {"斎藤", "saito"}, {"清水", "shimizu"},
            {"山崎", "yamazaki"}, {"森", "mori"}, {"池田", "ikeda"}, {"橋本", "hashimoto"}, {"阿部", "abe"},
    };
    private static final String[][] GIVEN = {
            {"翔太", "shota"}, {"結衣", "yui"}, {"大輔", "daisuke"}, {"美咲", "misaki"}, {"健", "ken"},
            {"花子", "hanako"}, {"蓮", "ren"}, {"陽菜", "hina"}, {"拓也", "takuya"}, {"さくら", "sakura"},
            {"直人", "naoto"}, {"由美", "yumi"}, {"悠真", "yuma"}, {"葵", "aoi"}, {"誠", "makoto"},
            {"愛子", "aiko"}, {"隆", "takashi"}, {"真由美", "mayumi"}, {"湊", "minato"}, {"恵", "megumi"},
    };
    private static final String[] DEPARTMENTS = {"営業部", "マーケティング部", "カスタマーサクセス部", "開発本部", "人事部"};

    private ImportCsv() {
    }

    /** Counts of what a file holds, for the checks. */
    record Content(byte[] bytes, int rows, int sameDomain, int outside) {
    }

    /**
     * {@code rows} users; same-domain addresses at {@code ownDomain}, the others at
     * {@code outsideDomain} (unique per import, so no address belongs to another organization).
     */
    static Content generate(int rows, String ownDomain, String outsideDomain, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder(rows * 110);
        csv.append('\uFEFF').append(HEADER).append("\r\n");
        int same = 0;
        for (int i = 0; i < rows; i++) {
            String[] family = FAMILY[random.nextInt(FAMILY.length)];
            String[] given = GIVEN[random.nextInt(GIVEN.length)];
            boolean own = i % 2 == 0;
            same += own ? 1 : 0;
            String email = given[1] + "." + family[1] + "." + (i + 1) + "@" + (own ? ownDomain : outsideDomain);
            int r = random.nextInt(20);
            String role = r < 14 ? "MEMBER" : r < 18 ? "MANAGER" : r < 19 ? "RESTRICTED" : "";
            csv.append(email).append(',').append(family[0]).append(',').append(given[0]).append(',').append(role).append(',');
            if (i % 4 == 1) {
                // a signature over three lines, one of them with a comma: needs the quotes
                csv.append('"').append(family[0]).append(' ').append(given[0]).append('\n')
                        .append("株式会社サンプル ").append(DEPARTMENTS[random.nextInt(DEPARTMENTS.length)]).append('\n')
                        .append("〒100-0005 東京都千代田区丸の内1-1, 5F ").append("TEL 03-").append(1000 + random.nextInt(9000))
                        .append('-').append(1000 + random.nextInt(9000)).append('"');
            }
            csv.append("\r\n");
        }
        return new Content(csv.toString().getBytes(StandardCharsets.UTF_8), rows, same, rows - same);
    }

    /** A multipart/form-data body with the file and the import's options, and its boundary. */
    record Multipart(String boundary, byte[] body) {
        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }
    }

    static Multipart multipart(byte[] file, String fileName, String... fields) {
        String boundary = "----kaigi-bench-" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 1024);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                    + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart(boundary, out.toByteArray());
    }
}
