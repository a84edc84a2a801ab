package io.etp.edge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/** Builds the gateway's TLS server context from a PKCS12 keystore (TLS 1.3 and 1.2 only). */
public final class EdgeTls {

  private EdgeTls() {
  }

  /**
   * @param tls keystore path and password
   * @return a server SSL context
   * @throws IllegalStateException when the keystore cannot be read or used
   */
  public static SSLContext serverContext(EdgeSettings.TlsSettings tls) {
    try (InputStream in = Files.newInputStream(Path.of(tls.keystorePath()))) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, tls.keystorePassword());
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, tls.keystorePassword());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the TLS keystore " + tls.keystorePath() + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param ctx the server context
   * @return a server-mode engine restricted to TLS 1.3 and 1.2
   */
  public static SSLEngine serverEngine(SSLContext ctx) {
    SSLEngine engine = ctx.createSSLEngine();
    engine.setUseClientMode(false);
    engine.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    return engine;
  }
}
