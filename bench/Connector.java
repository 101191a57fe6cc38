import java.sql.Connection;
import java.sql.SQLException;

/** Opens a superuser connection to one database of a server. */
interface Connector {
    Connection connect(String db) throws SQLException;
}
