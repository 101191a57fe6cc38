-- Transaction ID and multixact ID age of every database of the cluster.
SELECT d.datname                       AS database_name,
       age(d.datfrozenxid)::bigint     AS xid_age,
       mxid_age(d.datminmxid)::bigint  AS mxid_age,
       d.datallowconn                  AS allows_connections,
       d.datname = current_database()  AS current
  FROM pg_database d
 ORDER BY xid_age DESC
