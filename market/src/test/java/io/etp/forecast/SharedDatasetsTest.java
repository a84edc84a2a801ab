package io.etp.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.etp.marketdata.EpfDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedDatasetsTest {

  @TempDir
  Path dir;

  @Test
  void readsThePjmAndBelgianFilesAndTheBelgianTestPeriodFitsTheLongestWindow() throws Exception {
    Path data = Path.of(System.getProperty("etp.epf.dir"));
    EpfDataset pjm = EpfDataset.read(data.resolve("PJM.csv"));
    assertEquals("PJM", pjm.name());
    assertEquals("Zonal COMED load foecast", pjm.columnNames().get(3));
    assertEquals(25.464211, pjm.observations().get(0).price());
    MarketHistory be = MarketHistory.of(EpfDataset.read(data.resolve("BE.csv")));
    assertEquals(LocalDate.of(2011, 1, 9), be.firstDay());
    assertEquals(LocalDate.of(2016, 12, 31), be.lastDay());
    // the BE test period starts exactly 1456 days in: the longest LEAR window fits without truncation
    assertEquals(1456, be.indexOf(TestPeriod.standard("BE").firstDay()));
  }

  @Test
  void stillRejectsMalformedRows() throws Exception {
    Path file = dir.resolve("X.csv");
    Files.writeString(file, "Date, Prices, a, b\n2015-01-01 00:00:00,abc,1,2\n");
    assertThrows(EpfDataset.MalformedEpfFileException.class, () -> EpfDataset.read(file));
  }
}
