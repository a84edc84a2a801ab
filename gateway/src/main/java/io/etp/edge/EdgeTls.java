package io.etp.edge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Builds the gateway's TLS server context from a PKCS12 keystore. The engines speak TLS 1.3 and TLS 1.2 only, and on
 * TLS 1.2 only the AEAD suites with ephemeral ECDH ({@link #CIPHER_SUITES}: forward secrecy, AES-GCM or
 * ChaCha20-Poly1305); no CBC suite, no SHA-1 MAC, no static RSA key exchange, in the server's order of preference.
 */
public final class EdgeTls {

  /** The protocols the gateway speaks. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** The cipher suites the gateway accepts, most preferred first (those the JDK supports are enabled). */
  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

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
   * @return a server-mode engine restricted to {@link #PROTOCOLS} and {@link #CIPHER_SUITES}
   */
  public static SSLEngine serverEngine(SSLContext ctx) {
    SSLEngine engine = ctx.createSSLEngine();
    engine.setUseClientMode(false);
    Set<String> supported = Set.of(engine.getSupportedCipherSuites());
    SSLParameters params = engine.getSSLParameters();
    params.setProtocols(PROTOCOLS.toArray(String[]::new));
    params.setCipherSuites(CIPHER_SUITES.stream().filter(supported::contains).toArray(String[]::new));
    params.setUseCipherSuitesOrder(true);
    engine.setSSLParameters(params);
    return engine;
  }
}
