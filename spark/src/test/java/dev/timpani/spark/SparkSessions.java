package dev.timpani.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] session for every test class of the run (Spark allows one SparkContext per JVM). */
final class SparkSessions {

    private static SparkSession session;

    private SparkSessions() {
    }

    static synchronized SparkSession local() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("timpani-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
