/**
 * Coverage-guided fuzz targets (Jazzer, {@code @FuzzTest}) for everything that reads bytes from a peer.
 *
 * <p>Each target is one class {@code XxxFuzzTest} with one {@code @FuzzTest} method and a static
 * {@code fuzzerTestOneInput(byte[])} that the method calls, so the same target runs three ways:
 *
 * <ul>
 *   <li><b>regression</b>, under plain {@code mvn test}: JUnit runs the method on the empty input and on every file
 *       under {@code src/test/resources/<package>/<Class>Inputs/<method>/} (the stored corpus and every crash
 *       reproducer: a finding is fixed and its file stays there as a regression input);</li>
 *   <li><b>fuzzing for a bounded time</b>, under {@code mvn verify}: one Surefire execution per target in the module's
 *       pom (phase {@code integration-test}, environment {@code JAZZER_FUZZ=1}) runs it for
 *       {@link FuzzChecks#CI_DURATION}; a finding fails the build and Jazzer writes the reproducer into the
 *       target's inputs directory above;</li>
 *   <li><b>fuzzing for hours</b>: {@code bench/scripts/fuzz-long.sh TARGET DURATION} runs the class through Jazzer's
 *       command line ({@code fuzzerTestOneInput}) with a persistent corpus under {@code target/fuzz-corpus}.</li>
 * </ul>
 *
 * <p>Every target states the same contract with {@link FuzzChecks}: an input is either decoded and validated (a
 * {@code ValidationResult}, valid or with a specific reason code) or refused with an {@code EtpProtocolException}
 * carrying a specific reason code; any other exception or error is a finding.
 *
 * <p>Adding a target elsewhere (the gateway's {@code DeviceSession}, REST JSON bodies, WebSocket client messages):
 * put the class in the test sources of the module that owns the code, in the package of the code it drives; copy
 * {@link FuzzChecks} next to it if that module cannot see this one's test classes (it is a dozen lines), adapting
 * the refusal type (e.g. the HTTP layer's {@code ValidationException} with its reason code); create the inputs
 * directory with a few valid and a few invalid seeds; add a Surefire execution like {@code fuzz-frame-stream} in
 * protocol/pom.xml to that module's pom; and add the class to the list in bench/scripts/fuzz-long.sh.
 */
package io.etp.protocol.fuzz;
