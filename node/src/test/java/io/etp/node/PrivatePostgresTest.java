package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PrivatePostgresTest {

  @Test
  void keepsCommittedRowsAcrossAStopAndStartAndRefusesConnectionsWhileStopped() throws Exception {
    try (PrivatePostgres pg = PrivatePostgres.start()) {
      pg.createDatabase("etp_private");
      String url = pg.jdbcUrl("etp_private");
      try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (v int)");
        s.execute("INSERT INTO t VALUES (42)");
      }
      pg.stopServer("immediate");
      assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "").close());
      pg.startServer();
      try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT v FROM t")) {
        r.next();
        assertEquals(42, r.getInt(1));
      }
    }
  }
}
