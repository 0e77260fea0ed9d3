package dev.timpani.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** StartupReport logs the whole configuration at start-up: the API key must not be in it. */
class SecretsNotLoggedTest {

    @Test
    void theApiKeyIsNeverInTheConfigurationsText() {
        TimpaniProperties.Security security = new TimpaniProperties.Security("s3cret-key", false);

        assertThat(security.toString()).doesNotContain("s3cret-key")
                .isEqualTo("Security[apiKey=(set), ignoreCustomFlask=false]");
        assertThat(new TimpaniProperties.Security(null, true).toString())
                .isEqualTo("Security[apiKey=(unset), ignoreCustomFlask=true]");
    }
}
