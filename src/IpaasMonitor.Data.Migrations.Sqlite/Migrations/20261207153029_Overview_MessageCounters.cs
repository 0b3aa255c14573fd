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
            migrationBuilder.CreateTable(
                name: "MessageCounters",
                columns: table => new
                {
                    HourUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ConnectionId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    Diagram = table.Column<int>(type: "INTEGER", nullable: false),
                    Situation = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageCounters", x => new { x.HourUtc, x.ConnectionId, x.Diagram, x.Situation });
                });

            migrationBuilder.CreateIndex(
                name: "IX_MessageCounters_Situation_ConnectionId_Diagram",
                table: "MessageCounters",
                columns: new[] { "Situation", "ConnectionId", "Diagram" });

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
