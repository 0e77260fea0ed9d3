package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** DRUM's server flags (R-CLI-4, R-CFG) become Spring properties. */
class ServerCommandTest {

    @Test
    void mapsDrumFlagsToTimpaniProperties() {
        ServerCommand command = parse("--code-dir", "/models/m", "--target-type", "multiclass", "--address",
                "0.0.0.0:6789", "--class-labels", "a", "b", "c", "--with-error-server", "--logging-level", "warning",
                "--server.tomcat.threads.max=50");

        assertThat(command.springArguments()).containsExactly("--server.tomcat.threads.max=50",
                "--timpani.code-dir=/models/m", "--timpani.target-type=multiclass",
                "--timpani.labels.class-labels[0]=a", "--timpani.labels.class-labels[1]=b",
                "--timpani.labels.class-labels[2]=c", "--timpani.address=0.0.0.0:6789",
                "--timpani.drum.with-error-server=true", "--logging.level.root=warn");
    }

    /** Issue 21: gRPC is off unless asked for; --grpc-port asks for it on that port. */
    @Test
    void grpcPortAsksForTheGrpcServiceAndNothingElseBindsOne() {
        assertThat(parse("--address", "127.0.0.1:6001").springArguments())
                .containsExactly("--timpani.address=127.0.0.1:6001");
        assertThat(parse("--address", "127.0.0.1:6001", "--grpc-port", "9001").springArguments())
                .containsExactly("--timpani.address=127.0.0.1:6001", "--timpani.oip.grpc.port=9001");
    }

    @Test
    void verboseIsTimpanisDetailNotEveryFrameworksDebug() {
        assertThat(parse("--verbose").springArguments()).containsExactly("--logging.level.dev.timpani=debug");
    }

    @Test
    void mapsBinaryLabelsAndAcceptsMonitoringFlags() {
        ServerCommand command = parse("--positive-class-label", "yes", "--negative-class-label", "no",
                "--class-labels-file", "/l.txt", "--monitor", "--deployment-id", "42");

        assertThat(command.springArguments()).containsExactly("--timpani.labels.positive=yes",
                "--timpani.labels.negative=no", "--timpani.labels.class-labels-file=/l.txt",
                "--timpani.drum.monitor=true");
    }

    /** R-CFG-11. */
    @Test
    void mapsTheDeploymentConfig() {
        assertThat(parse("--deployment-config", "/d/binary.json").springArguments())
                .containsExactly("--timpani.drum.deployment-config=/d/binary.json");
    }

    /** R-CLI-9, R-CLI-10: DRUM's common flags, and the GPU / secrets flags accepted by the parser. */
    @Test
    void mapsLanguageAndStacktraceAndAcceptsDrumsGpuAndSecretsFlags() {
        ServerCommand command = parse("--language", "r", "--show-stacktrace", "--sidecar",
                "--user-secrets-mount-path", "/secrets", "--verbose");

        assertThat(command.springArguments()).containsExactly("--timpani.language=r",
                "--logging.level.dev.timpani=debug", "--timpani.drum.show-stacktrace=true");
        assertThat(command.unsupported.sidecar).isTrue();
    }

    @Test
    void rejectsUnknownFlags() {
        ServerCommand command = parse("--no-such-flag");

        org.assertj.core.api.Assertions.assertThatThrownBy(command::springArguments)
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("Unknown option: '--no-such-flag'");
    }

    @Test
    void startsTheServerWhenGivenOnlyOptionsOrNothing() {
        assertThat(TimpaniCommand.withDefaultCommand(new String[0])).containsExactly("server");
        assertThat(TimpaniCommand.withDefaultCommand(new String[] {"--code-dir", "x"}))
                .containsExactly("server", "--code-dir", "x");
        assertThat(TimpaniCommand.withDefaultCommand(new String[] {"--help"})).containsExactly("--help");
    }

    private static ServerCommand parse(String... args) {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
