package dev.mljobs.local.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free ports on the loopback interface. */
final class Ports {

  private Ports() {}

  static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
