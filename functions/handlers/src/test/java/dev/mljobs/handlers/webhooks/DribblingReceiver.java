package dev.mljobs.handlers.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile webhook receiver on a raw socket: it reads the request, writes {@code head} at once,
 * then one byte of {@code dribble} every {@code everyMillis} for as long as the client listens.
 * Counts the connections the client dropped, so a test can wait for them.
 */
final class DribblingReceiver implements AutoCloseable {

  private final ServerSocket server;
  private final CopyOnWriteArrayList<Socket> open = new CopyOnWriteArrayList<>();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger dropped = new AtomicInteger();

  DribblingReceiver(String head, byte dribble, long everyMillis) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  open.add(socket);
                  Thread t = new Thread(() -> serve(socket, head, dribble, everyMillis));
                  t.setDaemon(true);
                  t.start();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "dribbling-receiver");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void serve(Socket socket, String head, byte dribble, long everyMillis) {
    try (socket) {
      readRequestHead(socket.getInputStream());
      requests.incrementAndGet();
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      while (true) {
        Thread.sleep(everyMillis);
        out.write(dribble);
        out.flush();
      }
    } catch (IOException clientWentAway) {
      dropped.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request ended early");
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
  }
}
