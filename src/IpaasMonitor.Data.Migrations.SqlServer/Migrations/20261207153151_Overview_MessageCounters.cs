using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.SqlServer.Migrations
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
                    HourUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConnectionId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Diagram = table.Column<int>(type: "int", nullable: false),
                    Situation = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageCounters", x => new { x.HourUtc, x.ConnectionId, x.Diagram, x.Situation });
                });

            migrationBuilder.CreateIndex(
                name: "IX_MessageCounters_Situation_ConnectionId_Diagram_Count",
                table: "MessageCounters",
                columns: new[] { "Situation", "ConnectionId", "Diagram", "Count" });

            // Counters for the messages already stored: one grouped pass over an index (ADR-021; timing in bench/README.md).
            migrationBuilder.Sql(IpaasMonitor.Data.Storage.MessageCounts.BackfillSql(sqlite: false));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessageCounters");
        }
    }
}
