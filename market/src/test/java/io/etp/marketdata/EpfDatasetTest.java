package io.etp.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class EpfDatasetTest {

  @Test
  void readsRowsWithTheirExogenousColumns() throws Exception {
    EpfDataset data = EpfDataset.read("NP", new StringReader("""
        Date, Price, Grid load forecast, Wind power forecast
        2013-01-01 00:00:00,31.05,42497.0,2798.0
        2013-01-01 01:00:00,-0.5,41463.0,2417.0
        """));
    assertEquals(2, data.observations().size());
    assertEquals("Grid load forecast", data.columnNames().get(2));
    assertEquals(new EpfObservation(LocalDateTime.of(2013, 1, 1, 1, 0), -0.5, 41463.0, 2417.0), data.observations().get(1));
  }

  @Test
  void rejectsMalformedNumberWithItsLineNumber() {
    var e = assertThrows(EpfDataset.MalformedEpfFileException.class, () -> EpfDataset.read("X", new StringReader("""
        Date, Price, a, b
        2013-01-01 00:00:00,31.05,1,2
        2013-01-01 01:00:00,abc,1,2
        """)));
    assertEquals(3, e.lineNumber());
    assertTrue(e.getMessage().contains("Price is not a number"), e.getMessage());
  }

  @Test
  void rejectsWrongHeaderAndBadTimestamp() {
    assertThrows(EpfDataset.MalformedEpfFileException.class, () -> EpfDataset.read("X", new StringReader("a,b\n")));
    assertThrows(EpfDataset.MalformedEpfFileException.class, () -> EpfDataset.read("X", new StringReader("")));
    assertThrows(EpfDataset.MalformedEpfFileException.class,
        () -> EpfDataset.read("X", new StringReader("Date,Price,a,b\n2013/01/01 00:00,1,2,3\n")));
  }

  @Test
  void readsTheSharedNordPoolFileCompletely() throws Exception {
    EpfDataset np = EpfDataset.read(Path.of(System.getProperty("etp.epf.dir"), "NP.csv"));
    assertEquals(52416, np.observations().size());
    assertEquals(LocalDateTime.of(2013, 1, 1, 0, 0), np.observations().get(0).hourStart());
  }

  @Test
  void readsTheBelgianAndPjmFilesWhosePriceColumnsAreNamedDifferently() throws Exception {
    EpfDataset be = EpfDataset.read(Path.of(System.getProperty("etp.epf.dir"), "BE.csv"));
    EpfDataset pjm = EpfDataset.read(Path.of(System.getProperty("etp.epf.dir"), "PJM.csv"));
    assertEquals("Prices", be.columnNames().get(1));
    assertEquals("Zonal COMED price", pjm.columnNames().get(1));
    assertEquals(52416, be.observations().size());
    assertEquals(52416, pjm.observations().size());
    assertThrows(EpfDataset.MalformedEpfFileException.class,
        () -> EpfDataset.read("X", new StringReader("Date, Load, a, b\n2013-01-01 00:00:00,1,2,3\n")));
  }
}
