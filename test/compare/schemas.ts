import type { Dialect } from '../../src/shared/cells'

/**
 * Per engine: schema A (with rows, so that destructive steps have data to risk) and schema B, differing in every
 * object kind the engine has. A migration script from A to B must leave no difference.
 */
export interface RoundTripSchemas {
  a: string
  b: string
  /** The dropped column that holds data in A, as the risk names it. */
  droppedColumn: string
}

const postgres: RoundTripSchemas = {
  droppedColumn: 'customers.note',
  a: `
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE SEQUENCE order_no START 100;
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email varchar(100), note text);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers(id), qty integer DEFAULT 1, total numeric(10,2), status text);
CREATE INDEX orders_status ON orders (status);
CREATE TABLE legacy (id integer PRIMARY KEY, payload text);
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.qty := coalesce(NEW.qty, 1); RETURN NEW; END $$;
CREATE FUNCTION old_helper(x integer) RETURNS integer LANGUAGE sql AS $$ SELECT x + 1 $$;
CREATE TRIGGER orders_touch BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION touch();
CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com', 'first customer'), (2, 'Bob', 'bob@example.com', NULL);
INSERT INTO orders VALUES (1, 1, 2, 150.00, 'new');
INSERT INTO legacy VALUES (1, 'old');
`,
  b: `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN posint AS integer DEFAULT 1 CHECK (VALUE > 0);
CREATE DOMAIN sku_code AS text CHECK (VALUE ~ '^[A-Z]{3}-[0-9]+$');
CREATE SEQUENCE order_no START 100 INCREMENT 5;
CREATE SEQUENCE invoice_no START 1000;
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email varchar(200) NOT NULL, mood mood, CONSTRAINT customers_email_key UNIQUE (email));
CREATE TABLE orders (
  id integer PRIMARY KEY, customer_id integer, qty posint DEFAULT 2, total numeric(12,2), status text CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid')),
  placed_at timestamptz DEFAULT now(),
  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE);
CREATE INDEX orders_status_placed ON orders (status, placed_at);
CREATE TABLE products (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, sku sku_code UNIQUE, price numeric(10,2) CHECK (price >= 0));
CREATE TABLE order_lines (order_id integer REFERENCES orders(id), product_id integer REFERENCES products(id), qty integer NOT NULL DEFAULT 1, PRIMARY KEY (order_id, product_id));
CREATE TABLE events (id integer NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE VIEW big_orders AS SELECT id, total, status FROM orders WHERE total > 100;
CREATE VIEW customer_orders AS SELECT c.name, count(o.id) AS n FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.qty := coalesce(NEW.qty, 2); RETURN NEW; END $$;
CREATE FUNCTION order_count(c integer) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE customer_id = c $$;
CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(total) AS total, count(*) AS n FROM orders GROUP BY customer_id;
CREATE TYPE price_pair AS (amount numeric(12,2), currency char(3));
`
}

const mysql: RoundTripSchemas = {
  droppedColumn: 'customers.note',
  a: `
CREATE TABLE customers (id int PRIMARY KEY, name varchar(100) NOT NULL, email varchar(100), note text) ENGINE=InnoDB;
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, qty int DEFAULT 1, total decimal(10,2), status varchar(20), KEY orders_status (status), CONSTRAINT orders_customer_id_fk FOREIGN KEY (customer_id) REFERENCES customers(id)) ENGINE=InnoDB;
CREATE TABLE legacy (id int PRIMARY KEY, payload text) ENGINE=InnoDB;
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
CREATE TRIGGER orders_touch BEFORE INSERT ON orders FOR EACH ROW SET NEW.qty = coalesce(NEW.qty, 1);
INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com', 'first customer'), (2, 'Bob', 'bob@example.com', NULL);
INSERT INTO orders VALUES (1, 1, 2, 150.00, 'new');
INSERT INTO legacy VALUES (1, 'old');
`,
  b: `
CREATE TABLE customers (id int PRIMARY KEY, name varchar(100) NOT NULL, email varchar(200) NOT NULL, tier enum('basic','gold') DEFAULT 'basic', CONSTRAINT customers_email_key UNIQUE (email)) ENGINE=InnoDB;
CREATE TABLE orders (
  id int PRIMARY KEY, customer_id int, qty int DEFAULT 2, total decimal(12,2), status varchar(20), placed_at datetime DEFAULT current_timestamp(),
  KEY orders_status_placed (status, placed_at), KEY orders_customer_fk (customer_id),
  CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid')),
  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE) ENGINE=InnoDB;
CREATE TABLE products (id int AUTO_INCREMENT PRIMARY KEY, sku varchar(40), price decimal(10,2), CONSTRAINT products_sku_key UNIQUE (sku), CONSTRAINT products_price_check CHECK (price >= 0)) ENGINE=InnoDB;
CREATE TABLE order_lines (order_id int, product_id int, qty int NOT NULL DEFAULT 1, PRIMARY KEY (order_id, product_id), KEY order_lines_product (product_id),
  CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders(id), CONSTRAINT order_lines_product_fk FOREIGN KEY (product_id) REFERENCES products(id)) ENGINE=InnoDB;
CREATE VIEW big_orders AS SELECT id, total, status FROM orders WHERE total > 100;
CREATE VIEW customer_orders AS SELECT c.name, count(o.id) AS n FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
CREATE TRIGGER orders_touch BEFORE INSERT ON orders FOR EACH ROW SET NEW.qty = coalesce(NEW.qty, 2);
CREATE FUNCTION order_count(c int) RETURNS int READS SQL DATA RETURN (SELECT count(*) FROM orders WHERE customer_id = c);
`
}

const sqlite: RoundTripSchemas = {
  droppedColumn: 'customers.note',
  a: `
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text, note text);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers(id), qty integer DEFAULT 1, total real, status text);
CREATE INDEX orders_status ON orders (status);
CREATE TABLE legacy (id integer PRIMARY KEY, payload text);
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
CREATE TRIGGER orders_touch AFTER INSERT ON orders BEGIN UPDATE orders SET qty = 1 WHERE id = NEW.id AND qty IS NULL; END;
INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com', 'first customer'), (2, 'Bob', 'bob@example.com', NULL);
INSERT INTO orders VALUES (1, 1, 2, 150.0, 'new');
INSERT INTO legacy VALUES (1, 'old');
`,
  b: `
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL, tier text DEFAULT 'basic', CONSTRAINT customers_email_key UNIQUE (email));
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer, qty integer DEFAULT 2, total numeric, status text CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid')), placed_at text,
  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE);
CREATE INDEX orders_status_placed ON orders (status, placed_at);
CREATE TABLE products (id integer PRIMARY KEY, sku text UNIQUE, price numeric CHECK (price >= 0));
CREATE TABLE order_lines (order_id integer REFERENCES orders(id), product_id integer REFERENCES products(id), qty integer NOT NULL DEFAULT 1, PRIMARY KEY (order_id, product_id));
CREATE VIEW big_orders AS SELECT id, total, status FROM orders WHERE total > 100;
CREATE VIEW customer_orders AS SELECT c.name, count(o.id) AS n FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
CREATE TRIGGER orders_touch AFTER INSERT ON orders BEGIN UPDATE orders SET qty = 2 WHERE id = NEW.id AND qty IS NULL; END;
`
}

// DuckDB cannot alter a table another table's foreign key references, nor change an enum: A and B keep to that
// (the planner warns when a script would need it)
const duckdb: RoundTripSchemas = {
  droppedColumn: 'customers.note',
  a: `
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE SEQUENCE order_no START 100;
CREATE TABLE customers (id integer PRIMARY KEY, name varchar NOT NULL, email varchar, note varchar);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer, qty integer DEFAULT 1, total decimal(10,2), status varchar);
CREATE INDEX orders_status ON orders (status);
CREATE TABLE legacy (id integer PRIMARY KEY, payload varchar);
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
CREATE MACRO add_one(x) AS x + 1;
INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com', 'first customer'), (2, 'Bob', 'bob@example.com', NULL);
INSERT INTO orders VALUES (1, 1, 2, 150.00, 'new');
INSERT INTO legacy VALUES (1, 'old');
`,
  b: `
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TYPE tier AS ENUM ('basic', 'gold');
CREATE SEQUENCE order_no START 100 INCREMENT 5;
CREATE TABLE customers (id integer PRIMARY KEY, name varchar NOT NULL, email varchar NOT NULL, tier tier);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers(id), qty integer DEFAULT 2, total decimal(12,2), status varchar CHECK (status IN ('new', 'paid')), placed_at timestamp);
CREATE INDEX orders_status_placed ON orders (status, placed_at);
CREATE TABLE products (id integer PRIMARY KEY, sku varchar UNIQUE, price decimal(10,2) CHECK (price >= 0));
CREATE TABLE order_lines (order_id integer REFERENCES orders(id), product_id integer REFERENCES products(id), qty integer NOT NULL DEFAULT 1, PRIMARY KEY (order_id, product_id));
CREATE VIEW big_orders AS SELECT id, total, status FROM orders WHERE total > 100;
CREATE VIEW customer_orders AS SELECT c.name, count(o.id) AS n FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
CREATE MACRO add_two(x) AS x + 2;
`
}

export const roundTripSchemas: Partial<Record<Dialect, RoundTripSchemas>> = { postgres, mysql, sqlite, duckdb }
