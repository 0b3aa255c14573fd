using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Nodes_Leases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Node",
                table: "DiagramRuns",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HolderNode",
                table: "DiagramLeases",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RunAgain",
                table: "DiagramLeases",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Nodes",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastSeenAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Nodes", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DiagramRuns_Status",
                table: "DiagramRuns",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Nodes");

            migrationBuilder.DropIndex(
                name: "IX_DiagramRuns_Status",
                table: "DiagramRuns");

            migrationBuilder.DropColumn(
                name: "Node",
                table: "DiagramRuns");

            migrationBuilder.DropColumn(
                name: "HolderNode",
                table: "DiagramLeases");

            migrationBuilder.DropColumn(
                name: "RunAgain",
                table: "DiagramLeases");
        }
    }
}
