package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import org.slf4j.Logger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** ETP_LOG_FORMAT: the node's own logback.xml writes one JSON object per line with json, a text line by default. */
class LogFormatTest {

  @Test
  void jsonWritesOneParsableObjectPerLineWithLevelLoggerAndMessage() throws Exception {
    String out = logWithNodeConfig("json", "bid accepted for bess-7");
    String line = out.lines().filter(l -> l.contains("bess-7")).findFirst().orElseThrow(() -> new AssertionError(out));
    JsonNode json = new ObjectMapper().readTree(line);
    assertEquals("bid accepted for bess-7", json.get("message").asText());
    assertEquals("INFO", json.get("level").asText());
    assertEquals("etp.logformat", json.get("logger_name").asText());
    assertTrue(json.has("@timestamp"), line);
  }

  @Test
  void textIsTheDefaultOneLinePerEvent() throws Exception {
    String out = logWithNodeConfig(null, "auction closed bess-9");
    String line = out.lines().filter(l -> l.contains("bess-9")).findFirst().orElseThrow(() -> new AssertionError(out));
    assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .*auction closed bess-9"), line);
  }

  @Test
  void anUnknownFormatIsRefusedNamingTheChoices() {
    assertEquals(Optional.empty(), LogFormat.problem(null));
    assertEquals(Optional.empty(), LogFormat.problem("json"));
    assertEquals(Optional.empty(), LogFormat.problem("text"));
    String problem = LogFormat.problem("xml").orElseThrow();
    assertEquals("ETP_LOG_FORMAT='xml' is not a log format: use one of text, json", problem);
    assertTrue(LogFormat.problem("JSON").isPresent());
    assertEquals(2, LogFormat.BAD_VALUE_EXIT);
  }

  /** Configures logback from the node's logback.xml (not the test one), logs one line, restores the test setup. */
  private static String logWithNodeConfig(String format, String message) throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      if (format == null) {
        System.clearProperty(LogFormat.VARIABLE);
      } else {
        System.setProperty(LogFormat.VARIABLE, format);
      }
      context.reset();
      context.getStatusManager().clear();
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
      // the appender named after the format is the one attached (console output redirected here)
      AsyncAppender async = (AsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
      OutputStreamAppender<?> console = (OutputStreamAppender<?>) async.getAppender("CONSOLE");
      assertNotNull(console, "console appender for " + format);
      // a warning would make logback print its whole configuration status at every node start
      assertTrue(new StatusUtil(context).getHighestLevel(0) < Status.WARN,
          () -> context.getStatusManager().getCopyOfStatusList().toString());
      console.setOutputStream(captured);
      LoggerFactory.getLogger("etp.logformat").info(message);
      context.stop(); // drains the async appender
    } finally {
      System.clearProperty(LogFormat.VARIABLE);
      context.reset();
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(LogFormatTest.class.getResource("/logback-test.xml"));
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
