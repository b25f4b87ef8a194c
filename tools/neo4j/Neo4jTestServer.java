import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Embedded Neo4j Community server with Bolt on loopback, for tests and development.
 *
 * <p>Run in source-file mode (no build step), normally through tools/neo4j-server:
 * <pre>java [jvm flags] -cp "tools/neo4j/lib/*" tools/neo4j/Neo4jTestServer.java HOME_DIR [extra.properties]</pre>
 *
 * <p>Environment: NEO4J_BOLT_HOST (default 127.0.0.1), NEO4J_BOLT_PORT (default 7687; 0 = any free port),
 * NEO4J_PAGECACHE (default 128m). The optional properties file holds neo4j.conf-style key=value overrides.
 *
 * <p>When the default database answers and the Bolt port accepts connections it writes HOME_DIR/READY
 * (one line: the bolt URI) and prints "NEO4J_READY bolt://HOST:PORT version=X". SIGTERM shuts down cleanly.
 */
public final class Neo4jTestServer {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path home = Path.of(args.length > 0 ? args[0] : ".neo4j/home").toAbsolutePath();
        String host = env("NEO4J_BOLT_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        Files.createDirectories(home);
        Path ready = home.resolve("READY");
        Files.deleteIfExists(ready);

        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("dbms.security.auth_enabled", "false");            // tests: no auth
        raw.put("server.default_listen_address", host);            // loopback only
        raw.put("server.memory.pagecache.size", env("NEO4J_PAGECACHE", "128m"));
        raw.put("db.tx_log.preallocate", "false");                 // no pre-allocated tx log files
        raw.put("db.tx_log.rotation.retention_policy", "false");   // keep no old tx logs
        raw.put("db.tx_log.rotation.size", "16m");
        raw.put("dbms.usage_report.enabled", "false");             // no phone-home attempts
        raw.put("server.directories.plugins", home.resolve("plugins").toString());
        raw.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0"); // default 5 s, paid twice on stop
        // No file or network access from Cypher (docs/reliability.md): LOAD CSV from file:///
        // is refused, file URLs are confined to an empty import folder anyway, and every
        // address is blocked for URL loading (LOAD CSV FROM 'http://...', apoc.load.*).
        raw.put("dbms.security.allow_csv_import_from_file_urls", "false");
        raw.put("server.directories.import", home.resolve("import").toString());
        raw.put("internal.dbms.cypher_ip_blocklist", "0.0.0.0/0,::/0");
        if (args.length > 1) {                                     // optional key=value overrides
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(args[1]))) { p.load(in); }
            for (String k : p.stringPropertyNames()) raw.put(k.trim(), p.getProperty(k).trim());
        }

        // Parse neo4j.conf-style strings into typed settings (strict: unknown keys fail fast).
        Config parsed = Config.newBuilder().setRaw(raw).build();
        Map<Setting<?>, Object> settings = new HashMap<>();
        for (Setting<?> s : parsed.getDeclaredSettings().values()) {
            if (parsed.isExplicitlySet(s)) settings.put(s, parsed.get(s));
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                .setConfig(settings)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("NEO4J_STOPPING");
            System.out.flush();
            dbms.shutdown();
            System.out.println("NEO4J_STOPPED");
            System.out.flush();
        }, "neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        long deadline = System.currentTimeMillis() + 150_000;
        while (true) {                                             // wait until the db answers
            try { db.executeTransactionally("RETURN 1"); break; }
            catch (RuntimeException e) {
                if (System.currentTimeMillis() > deadline) throw e;
                Thread.sleep(200);
            }
        }

        // The port actually bound (matters when NEO4J_BOLT_PORT=0).
        HostnamePort bound = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class).getLocalAddress(ConnectorType.BOLT);
        int boltPort = bound != null ? bound.getPort() : port;
        try (Socket s = new Socket()) { s.connect(new InetSocketAddress(host, boltPort), 5_000); }

        String uri = "bolt://" + host + ":" + boltPort;
        Path tmp = home.resolve("READY.tmp");                      // atomic: readers never see half a line
        Files.writeString(tmp, uri + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("NEO4J_READY %s version=%s (%.1fs in JVM)%n",
                uri, Version.getNeo4jVersion(), (System.nanoTime() - t0) / 1e9);
        System.out.flush();
        new CountDownLatch(1).await();                             // park; SIGTERM -> shutdown hook
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }
}
