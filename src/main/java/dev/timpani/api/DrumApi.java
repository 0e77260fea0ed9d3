package dev.timpani.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.web.bind.annotation.RestController;

/** A controller of DRUM's routes: mapped under {@code URL_PREFIX} (R-ROUTE, R-CFG-13). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RestController
public @interface DrumApi {
}
