package io.grant.internal.query;

import java.util.Arrays;
import java.util.List;

/**
 * The rows of an {@code insertAll}, each the array of its column values, with what cutting them into statements
 * needs to know of each row, read in one pass: how many bind values it takes, about how many bytes, and which of its
 * values are {@code null}. Not API.
 */
final class InsertRows {

    private final List<Object[]> rows;
    private final int columns;
    private final int[] binds;
    private final long[] bytes;
    private final long[] nulls;

    /** {@code rows}, each with a value per column of a table of {@code columns} columns. */
    InsertRows(List<Object[]> rows, int columns) {
        this.rows = rows;
        this.columns = columns;
        this.binds = new int[rows.size()];
        this.bytes = new long[rows.size()];
        this.nulls = new long[rows.size()];
        for (int r = 0; r < binds.length; r++) {
            Object[] row = rows.get(r);
            int rowBinds = 0;
            long rowBytes = 0;
            long rowNulls = 0;
            for (int i = 0; i < row.length; i++) {
                Object value = row[i];
                if (value == null) {
                    rowNulls |= 1L << (i & 63);
                } else {
                    rowBinds++;
                    rowBytes += size(value);
                }
            }
            binds[r] = rowBinds;
            bytes[r] = rowBytes;
            nulls[r] = rowNulls;
        }
    }

    /** How many rows there are. */
    int size() {
        return binds.length;
    }

    /** The rows {@code [from, to)}. */
    List<Object[]> rows(int from, int to) {
        return rows.subList(from, to);
    }

    /**
     * Where the chunk starting at {@code from} ends: after at most {@code maxRows} rows, {@code maxBinds} bind
     * values and about {@code maxBytes} bytes, but never before one row.
     */
    int chunkEnd(int from, int maxRows, int maxBinds, long maxBytes) {
        int chunkBinds = 0;
        long chunkBytes = 0;
        int to = from;
        while (to < binds.length && to - from < maxRows) {
            if (to > from && (chunkBinds + binds[to] > maxBinds || chunkBytes + bytes[to] > maxBytes)) {
                break;
            }
            chunkBinds += binds[to];
            chunkBytes += bytes[to];
            to++;
        }
        return to;
    }

    /**
     * Whether the {@code count} rows from {@code from} have the shape of the {@code count} rows from {@code first}:
     * their {@code null}s in the same places, row by row.
     */
    boolean sameShape(int first, int from, int count) {
        for (int r = 0; r < count; r++) {
            if (nulls[first + r] != nulls[from + r]) {
                return false;
            }
        }
        if (columns <= 64) {
            return true;
        }
        for (int r = 0; r < count; r++) { // the masks fold columns 64 and up onto the first 64: compare exactly
            Object[] a = rows.get(first + r);
            Object[] b = rows.get(from + r);
            for (int i = 64; i < columns; i++) {
                if ((a[i] == null) != (b[i] == null)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The columns the rows {@code [from, to)} write: those with a value in some row; all of them when there is
     * none (every column then gets {@code DEFAULT}).
     */
    boolean[] written(int from, int to) {
        boolean[] written = new boolean[columns];
        boolean any = false;
        for (int r = from; r < to; r++) {
            Object[] row = rows.get(r);
            for (int i = 0; i < columns; i++) {
                if (!written[i] && row[i] != null) {
                    written[i] = true;
                    any = true;
                }
            }
        }
        if (!any) {
            Arrays.fill(written, true);
        }
        return written;
    }

    /** About the bytes {@code value} takes in a statement: text up to 3 per character, binary 2 per byte (hex). */
    private static long size(Object value) {
        return switch (value) {
            case String s -> 3L * s.length();
            case byte[] b -> 2L * b.length;
            default -> 16;
        };
    }
}
