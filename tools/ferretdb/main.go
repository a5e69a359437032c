// Command ferretdb runs FerretDB v1.24.2 (SQLite backend) as the embedded,
// MongoDB-compatible database for development and tests.
//
// Why a wrapper and not `go install .../cmd/ferretdb@v1.24.2`: the binary that
// command builds panics at start-up ("Invalid build/version/version.txt file
// content") because the module archive on the Go module proxy lacks the
// generated version file. FerretDB's own embeddable package skips that check,
// so this wrapper builds the very same server through it. Flags mirror the
// upstream command's so scripts read the same either way.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	handler := flag.String("handler", "sqlite", "backend handler: sqlite or postgresql")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite directory URI (must end with /)")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL for the postgresql handler")
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	// Accepted for compatibility with the upstream command line; the embedded server has neither.
	flag.String("debug-addr", "-", "ignored")
	flag.String("telemetry", "disable", "ignored")
	flag.String("state-dir", ".", "ignored")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "bad --log-level: %v\n", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	server, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listenAddr},
		Logger:        logger,
		Handler:       *handler,
		SQLiteURL:     *sqliteURL,
		PostgreSQLURL: *postgresURL,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger.Warn("ferretdb listening", "addr", *listenAddr, "handler", *handler)
	if err := server.Run(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}
