package dev.switchboard.http.service;

import java.util.Locale;
import java.util.Map;

/**
 * Maps a file name to the {@code Content-Type} it is served with.
 *
 * <p>Covers every type of the original server (http-server spec §2.6) plus the common web types
 * it lacked (§7: {@code htm}, {@code svg}, {@code wasm}, {@code webp}, {@code woff2}, {@code mp4}
 * …). Extensions match case-insensitively, unlike the original; textual types carry
 * {@code charset=utf-8}; anything unknown is {@code application/octet-stream}.
 */
public final class MimeTypes {

    /** The type of files whose extension is missing or unknown. */
    public static final String DEFAULT = "application/octet-stream";

    private static final String UTF8 = "; charset=utf-8";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            // the original server's table, kept as it was
            Map.entry("aac", "audio/aac"),
            Map.entry("arc", "application/x-freearc"),
            Map.entry("bin", "application/octet-stream"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("css", "text/css" + UTF8),
            Map.entry("csv", "text/csv" + UTF8),
            Map.entry("gif", "image/gif"),
            Map.entry("html", "text/html" + UTF8),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("ics", "text/calendar" + UTF8),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("js", "text/javascript" + UTF8),
            Map.entry("mjs", "text/javascript" + UTF8),
            Map.entry("json", "application/json"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("png", "image/png"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("sh", "application/x-sh"),
            Map.entry("tar", "application/x-tar"),
            Map.entry("txt", "text/plain" + UTF8),
            Map.entry("xhtml", "application/xhtml+xml" + UTF8),
            Map.entry("xml", "application/xml" + UTF8),
            Map.entry("zip", "application/zip"),
            // common web types the original lacked
            Map.entry("htm", "text/html" + UTF8),
            Map.entry("md", "text/markdown" + UTF8),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("apng", "image/apng"),
            Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("eot", "application/vnd.ms-fontobject"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("oga", "audio/ogg"),
            Map.entry("ogv", "video/ogg"),
            Map.entry("opus", "audio/opus"),
            Map.entry("wav", "audio/wav"),
            Map.entry("flac", "audio/flac"),
            Map.entry("mpeg", "video/mpeg"),
            Map.entry("gz", "application/gzip"),
            Map.entry("7z", "application/x-7z-compressed"),
            Map.entry("rtf", "application/rtf"),
            Map.entry("epub", "application/epub+zip"),
            Map.entry("jar", "application/java-archive"));

    private MimeTypes() {
    }

    /** The {@code Content-Type} for a file name, judged by the text after its last dot. */
    public static String forFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return DEFAULT;
        }
        return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }
}
