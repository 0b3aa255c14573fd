using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DiagramRunWaiting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Waiting",
                table: "DiagramRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Waiting",
                table: "DiagramRuns");
        }
    }
}
