package cn.grants.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The development engine's log entries in a file instead of the heap: the list zeebe-process-test's log storage
 * appends to and reads from, one entry per appended batch.
 *
 * <p>zeebe-process-test keeps every entry the engine ever wrote as a heap buffer and never compacts, so the heap grows
 * with everything the engine did: a round of 2,000 applications filled a 1 GB heap before its expert review ended.
 * Here an entry is written to the end of a file when appended and read back into a new buffer each time it is asked
 * for (the stream processor reads each entry once, in order); the heap keeps two numbers per entry. Appends come one
 * at a time (the log's sequencer holds its lock); reads come from any thread and see only entries whose bytes are
 * written: the size grows after the write.
 */
final class DiskLogEntries extends AbstractList<ByteBuffer> implements RandomAccess, AutoCloseable {

    private final FileChannel file;
    private long[] offsets = new long[1024];
    private int[] lengths = new int[1024];
    private int size;
    private long end;

    DiskLogEntries(Path path) {
        try {
            this.file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the engine's log file " + path, e);
        }
    }

    @Override
    public synchronized boolean add(ByteBuffer entry) {
        ByteBuffer bytes = entry.duplicate();
        int length = bytes.remaining();
        try {
            long position = end;
            while (bytes.hasRemaining()) {
                position += file.write(bytes, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the engine's log file", e);
        }
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        offsets[size] = end;
        lengths[size] = length;
        end += length;
        size++;
        return true;
    }

    @Override
    public ByteBuffer get(int index) {
        long offset;
        int length;
        synchronized (this) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("entry " + index + " of " + size);
            }
            offset = offsets[index];
            length = lengths[index];
        }
        ByteBuffer entry = ByteBuffer.allocate(length);
        try {
            while (entry.hasRemaining()) {
                int read = file.read(entry, offset + entry.position());
                if (read < 0) {
                    throw new IOException("the log file ends before entry " + index);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read entry " + index + " of the engine's log file", e);
        }
        return entry.flip();
    }

    @Override
    public synchronized int size() {
        return size;
    }

    /** Bytes written to the file (for the test). */
    synchronized long bytes() {
        return end;
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
