using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Overview_MessageCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // WITHOUT ROWID (written by hand: EF has no option for it): the primary key is the table, so a range of hours
            // reads the counts from the key's own b-tree instead of an index entry plus a row per counter (ADR-021).
            migrationBuilder.Sql("""
                CREATE TABLE "MessageCounters" (
                    "HourUtc" INTEGER NOT NULL,
                    "ConnectionId" TEXT NOT NULL,
                    "Diagram" INTEGER NOT NULL,
                    "Situation" INTEGER NOT NULL,
                    "Count" INTEGER NOT NULL,
                    CONSTRAINT "PK_MessageCounters" PRIMARY KEY ("HourUtc", "ConnectionId", "Diagram", "Situation")
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_MessageCounters_Situation_ConnectionId_Diagram_Count",
                table: "MessageCounters",
                columns: new[] { "Situation", "ConnectionId", "Diagram", "Count" });

            // Counters for the messages already stored: one grouped pass over an index (ADR-021; timing in bench/README.md).
            migrationBuilder.Sql(IpaasMonitor.Data.Storage.MessageCounts.BackfillSql(sqlite: true));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessageCounters");
        }
    }
}
